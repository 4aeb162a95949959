/** The part of autocannon's API that `npm run bench` uses (the package ships no types). */
declare module 'autocannon' {
  type Options = {
    url: string;
    method?: 'POST' | 'GET';
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    expectBody?: string;
  };
  type Histogram = { average: number; p50: number; p90: number; p99: number; max: number; total: number };
  export type Result = {
    latency: Histogram;
    requests: Histogram;
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
