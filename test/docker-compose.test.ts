/**
 * docker-compose.yml cannot be run on the development machines (no Docker engine): this checks what can be
 * checked without one. The file parses; `docker compose up` still starts PostgreSQL and one app; the `scale`
 * profile adds a streaming replica, Redis, two app instances and nginx, all from official images, wired to each
 * other by service names that exist, with an environment the app's configuration accepts.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../src/config.ts';
import { root } from './helpers/server-process.ts';

type Service = {
  image?: string;
  build?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  configs?: { source: string; target: string }[];
  command?: string[];
  healthcheck?: unknown;
};
type Compose = { services: Record<string, Service>; configs: Record<string, { content: string }>; volumes: object };

const compose = parse(await readFile(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as Compose;
const { services } = compose;
const hostOf = (url: string) => new URL(url).hostname;

test('without a profile: PostgreSQL and one app, as before', () => {
  const always = Object.entries(services).filter(([, service]) => !service.profiles);
  expect(always.map(([name]) => name).sort()).toEqual(['app', 'postgres']);
  expect(loadConfig(services.app!.environment).databaseUrl).toMatch(/@postgres:5432\//);
});

test('the scale profile: a replica, Redis, two app instances behind nginx, from official images', () => {
  const scale = Object.entries(services).filter(([, service]) => service.profiles?.includes('scale'));
  expect(scale.map(([name]) => name).sort()).toEqual(['app-1', 'app-2', 'load-balancer', 'postgres-replica', 'redis']);
  for (const [name, service] of Object.entries(services)) {
    // Official images only (Docker Hub's library: no publisher prefix), or this repository's Dockerfile.
    if (service.image) expect(service.image, name).toMatch(/^[a-z0-9-]+:[\w.-]+$/);
    else expect(service.build, name).toBe('.');
    for (const dependency of Object.keys(service.depends_on ?? {})) expect(services, name).toHaveProperty([dependency]);
    for (const config of service.configs ?? []) expect(compose.configs, name).toHaveProperty([config.source]);
  }

  // The replica clones the primary service and runs as a hot standby.
  const replica = services['postgres-replica']!;
  expect(replica.image).toBe(services.postgres!.image);
  expect(replica.command?.join('\n')).toMatch(/pg_basebackup -h postgres .* -R /);
  expect(compose.configs['postgres-allow-replication']!.content).toMatch(/^echo 'host replication all all/);

  for (const name of ['app-1', 'app-2']) {
    const config = loadConfig(services[name]!.environment);
    expect(hostOf(config.databaseUrl!)).toBe('postgres');
    expect(config.databaseReplicas.urls.map(hostOf)).toEqual(['postgres-replica']);
    expect(services).toHaveProperty([hostOf(config.redis!.url)]);
    expect(config.trustProxyHops).toBe(1);
    expect(Object.keys(services[name]!.depends_on!).sort()).toEqual(['postgres', 'postgres-replica', 'redis']);
    expect(services[name]!.healthcheck).toEqual(services.app!.healthcheck);
  }
  // nginx spreads requests over both instances.
  const upstreams = [...compose.configs['nginx-scale']!.content.matchAll(/server (\S+):4000;/g)].map((m) => m[1]);
  expect(upstreams).toEqual(['app-1', 'app-2']);
});
