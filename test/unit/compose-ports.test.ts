// The production shape (temporal-docker/docker-compose.yml) publishes no port on all interfaces of the
// host: Temporal's gRPC port and Web UI have no authentication there, and the databases, the API and
// /metrics belong inside. Read line by line (no YAML parser among the dependencies), failing closed:
// a `ports` entry this check cannot read is a failure too, not a pass.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const COMPOSE = fileURLToPath(new URL('../../temporal-docker/docker-compose.yml', import.meta.url));
const WILDCARDS = new Set(['', '0.0.0.0', '::', '*']);

interface Finding {
  service: string;
  entry: string;
  /** Why it is refused; undefined when it binds one address. */
  problem?: string;
}

const unquote = (v: string) => v.trim().replace(/^(["'])(.*)\1$/, '$2');

/** A short-syntax entry, "[HOST:]HOST_PORT:CONTAINER_PORT[/PROTOCOL]" (HOST may be "[v6]"). */
function checkShort(entry: string): string | undefined {
  const v = unquote(entry);
  if (v.includes('$')) return 'the address comes from a variable, which this check cannot tell';
  if (!/^[\w.:[\]/-]+$/.test(v)) return 'not a port entry this check can read';
  const host = v.startsWith('[') ? v.slice(1, v.indexOf(']')) : v.split(':').length === 3 ? v.split(':')[0]! : '';
  return WILDCARDS.has(host) ? `published on all interfaces${host ? ` (${host})` : ''}: give an address, such as 127.0.0.1:${v}` : undefined;
}

/** Every published port of every service, and every service on the host's network. */
function publishedPorts(yaml: string): Finding[] {
  const lines = yaml.split('\n').map((l) => (/^\s*#/.test(l) ? '' : l.replace(/\s+#.*$/, '')));
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const out: Finding[] = [];
  let inServices = false;
  let serviceIndent = -1;
  let service = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim()) continue;
    const indent = indentOf(line);
    if (indent === 0) {
      inServices = /^services:\s*$/.test(line);
      serviceIndent = -1;
      continue;
    }
    if (!inServices) continue;
    if (serviceIndent < 0) serviceIndent = indent;
    if (indent === serviceIndent) {
      service = line.trim().replace(/:.*$/, '');
      continue;
    }
    const key = /^(\s+)(ports|network_mode):\s*(.*)$/.exec(line);
    if (!key || key[1]!.length <= serviceIndent) continue;
    const [, keyIndent, name, rest] = key as unknown as [string, string, string, string];
    if (name === 'network_mode') {
      if (unquote(rest) === 'host') out.push({ service, entry: line.trim(), problem: 'network_mode host publishes every port it listens on' });
      continue;
    }
    if (rest.startsWith('[')) {
      // Flow sequence, possibly over several lines.
      let flow = rest;
      while (!flow.includes(']') && i + 1 < lines.length) flow += lines[++i]!.trim();
      for (const item of flow
        .slice(1, flow.lastIndexOf(']'))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        out.push({ service, entry: item, problem: item.startsWith('{') ? 'not a port entry this check can read' : checkShort(item) });
      }
      continue;
    }
    if (rest) {
      out.push({ service, entry: rest, problem: 'not a port entry this check can read' });
      continue;
    }
    // Block sequence: `- "HOST:PORT:PORT"` or the long syntax (`- target: …` with `host_ip: …`).
    while (i + 1 < lines.length && (!lines[i + 1]!.trim() || indentOf(lines[i + 1]!) > keyIndent.length)) {
      const item = lines[++i]!;
      if (!item.trim()) continue;
      const dash = /^(\s*)-\s*(.*)$/.exec(item);
      if (!dash) {
        out.push({ service, entry: item.trim(), problem: 'not a port entry this check can read' });
        continue;
      }
      const first = dash[2]!;
      if (!/^[\w-]+:\s/.test(first)) {
        out.push({ service, entry: first, problem: checkShort(first) });
        continue;
      }
      const fields = [first];
      while (i + 1 < lines.length && lines[i + 1]!.trim() && indentOf(lines[i + 1]!) > dash[1]!.length && !/^\s*-/.test(lines[i + 1]!))
        fields.push(lines[++i]!.trim());
      const hostIp = fields.map((f) => /^host_ip:\s*(.*)$/.exec(f)?.[1]).find((v) => v !== undefined);
      const host = hostIp === undefined ? '' : unquote(hostIp);
      out.push({
        service,
        entry: fields.join(', '),
        problem: host.includes('$')
          ? 'the address comes from a variable, which this check cannot tell'
          : WILDCARDS.has(host)
            ? 'published on all interfaces: set host_ip'
            : undefined,
      });
    }
  }
  return out;
}

describe('temporal-docker/docker-compose.yml', () => {
  const found = publishedPorts(readFileSync(COMPOSE, 'utf8'));

  it('publishes no port on all interfaces', () => {
    expect(found.filter((f) => f.problem)).toEqual([]);
  });

  it('publishes Temporal, its UI and the API on the host loopback only (the check read them)', () => {
    expect(found.map((f) => `${f.service} ${unquote(f.entry)}`).sort()).toEqual([
      'api 127.0.0.1:3000:3000',
      'temporal 127.0.0.1:7233:7233',
      'temporal-ui 127.0.0.1:8233:8080',
    ]);
  });
});

describe('the check itself', () => {
  const problems = (services: string) => publishedPorts(`name: x\nservices:\n${services}\nvolumes:\n  a:\n`).map((f) => f.problem ?? 'ok');

  it('refuses every way of publishing on all interfaces', () => {
    expect(problems(`  a:\n    image: x\n    ports: ["7233:7233", '8080']`)).toEqual([
      expect.stringMatching(/all interfaces/),
      expect.stringMatching(/all interfaces/),
    ]);
    expect(problems(`  a:\n    ports:\n      - "3000:3000"\n      - 9464\n      - 0.0.0.0:80:80\n      - "[::]:81:81"`)).toEqual(
      Array(4).fill(expect.stringMatching(/all interfaces/)),
    );
    expect(problems(`  a:\n    ports:\n      - target: 80\n        published: 8080\n      - target: 81\n        host_ip: 0.0.0.0`)).toEqual(
      Array(2).fill(expect.stringMatching(/all interfaces/)),
    );
    expect(problems(`  a:\n    network_mode: host`)).toEqual([expect.stringMatching(/network_mode host/)]);
  });

  it('refuses what it cannot read or tell, and accepts one address', () => {
    expect(problems(`  a:\n    ports:\n      - "\${BIND}:80:80"\n      - { weird }\n    expose: ["9464"]`)).toEqual([
      expect.stringMatching(/variable/),
      expect.stringMatching(/check can read/),
    ]);
    expect(
      problems(
        `  a:\n    ports:\n      - "127.0.0.1:80:80"\n      - "[::1]:81:81/udp"\n      - target: 82\n        host_ip: 10.0.0.5\n  b:\n    expose: ["9464"]`,
      ),
    ).toEqual(['ok', 'ok', 'ok']);
  });
});
