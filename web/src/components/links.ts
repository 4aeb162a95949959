/** Where each kind of entity is shown in the Explorer. */
export function entityHref(type: string, slug: string): string {
  switch (type) {
    case 'MODEL':
      return `/model/${encodeURIComponent(slug)}`;
    case 'ORGANIZATION':
      return `/organization/${encodeURIComponent(slug)}`;
    case 'DATASET':
      return `/benchmark/${encodeURIComponent(slug)}`;
    default:
      return `/graph/${type.toLowerCase()}/${encodeURIComponent(slug)}`;
  }
}

export const formatNumber = (value: number, digits = 1) =>
  Number.isInteger(value) ? String(value) : value.toFixed(digits);

/** 405000000000 → "405B". */
export function formatParameters(count: number | null | undefined): string {
  if (count === null || count === undefined) return 'undisclosed';
  if (count >= 1e12) return `${+(count / 1e12).toFixed(2)}T`;
  if (count >= 1e9) return `${+(count / 1e9).toFixed(1)}B`;
  if (count >= 1e6) return `${+(count / 1e6).toFixed(1)}M`;
  return String(count);
}

/** `?a=1&b=2` of the current URL as an object. */
export function searchParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

/** An evaluation setting in words ("8-shot, chain of thought, pass@1"), from its fields. */
export function describeSetting(setting: {
  shots?: number | null;
  chainOfThought?: boolean | null;
  passK?: number | null;
  variant?: string | null;
  split?: string | null;
  scaffold?: string | null;
  harness?: string | null;
}): string {
  const parts = [
    setting.shots !== null && setting.shots !== undefined ? `${setting.shots}-shot` : null,
    setting.chainOfThought ? 'chain of thought' : null,
    setting.passK ? `pass@${setting.passK}` : null,
    setting.variant,
    setting.split ? `${setting.split} split` : null,
    setting.scaffold,
    setting.harness,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'setting not stated';
}
