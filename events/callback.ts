// Where events may be sent. A callback is an address the operator's network calls out to, so it is
// checked twice: when the subscription is made (the URL) and when a connection is opened (the
// address its host resolves to then — a name may resolve elsewhere later).
//
// EVENT_CALLBACK_HOSTS lists what is allowed: exact host names or addresses and `*.suffix` patterns,
// which may use http or https and any address (a partner's gateway, a receiver on this machine), and
// `*`: any other host, over https only, that is no private, loopback or link-local address (no
// callback into the operator's own network through a public-looking name).
import http from 'node:http';
import https from 'node:https';
import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

export const MAX_CALLBACK_LENGTH = 2000;

const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  PRIVATE.addSubnet(net, bits, 'ipv6');

/** Loopback, private, link-local, shared, multicast or unspecified (IPv4 inside IPv6 included); anything not an address counts as private. */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) return PRIVATE.check(address, 'ipv4');
  if (v !== 6) return true;
  const v4 = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return v4 ? PRIVATE.check(v4, 'ipv4') : PRIVATE.check(address, 'ipv6');
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

export class CallbackPolicy {
  private readonly exact = new Set<string>();
  private readonly suffixes: string[] = [];
  private readonly anyPublic: boolean;

  /** `hosts`: EVENT_CALLBACK_HOSTS, comma-separated. */
  constructor(hosts: string) {
    const entries = hosts
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    this.anyPublic = entries.includes('*');
    for (const e of entries) {
      if (e === '*') continue;
      if (e.startsWith('*.')) this.suffixes.push(e.slice(1));
      else this.exact.add(e.replace(/^\[|\]$/g, ''));
    }
  }

  private listed(host: string): boolean {
    return this.exact.has(host) || this.suffixes.some((s) => host.endsWith(s));
  }

  /** Why `callback` may not receive events, or undefined when it may. */
  refusal(callback: string): string | undefined {
    if (callback.length > MAX_CALLBACK_LENGTH) return `at most ${MAX_CALLBACK_LENGTH} characters`;
    let url: URL;
    try {
      url = new URL(callback);
    } catch {
      return 'not an absolute URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL';
    if (url.username || url.password) return 'must not carry credentials: deliveries are signed (X-Event-Signature)';
    if (url.hash) return 'must not have a fragment';
    const host = hostOf(url);
    if (this.listed(host)) return undefined;
    if (!this.anyPublic) return `host ${host} is not an allowed callback host (EVENT_CALLBACK_HOSTS)`;
    if (url.protocol !== 'https:') return `must be https (plain http only to the hosts EVENT_CALLBACK_HOSTS names)`;
    if (isIP(host) ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost') || !host.includes('.')) {
      return `host ${host} is a private, loopback or local address`;
    }
    return undefined;
  }

  /** Whether a connection to `address`, which `host` resolved to, may be opened. */
  addressAllowed(host: string, address: string): boolean {
    return this.listed(host) || !isPrivateAddress(address);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export interface CallbackAnswer {
  status: number;
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 32 }), https: new https.Agent({ keepAlive: true, maxSockets: 32 }) };

/**
 * POSTs `body` to `callback`; answers the status (redirects are not followed: a 3xx is a failed
 * delivery). Fails on a refused callback or address, a network error or the timeout.
 */
export function postCallback(
  policy: CallbackPolicy,
  callback: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<CallbackAnswer> {
  const refused = policy.refusal(callback);
  if (refused) return Promise.reject(new Error(`callback refused: ${refused}`));
  const url = new URL(callback);
  const host = hostOf(url);
  const https_ = url.protocol === 'https:';
  // Every address the name resolves to at connection time is checked, not the one it had at subscription.
  const checkedLookup = (hostname: string, options: LookupOptions, done: LookupCallback) =>
    lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return done(err, '');
      const allowed = addresses.filter((a) => policy.addressAllowed(host, a.address));
      if (!allowed.length) return done(Object.assign(new Error(`callback host ${hostname} resolves to a private address`), { code: 'EADDRNOTALLOWED' }), '');
      if (options.all) return done(null, allowed);
      done(null, allowed[0]!.address, allowed[0]!.family);
    });
  return new Promise((resolve, reject) => {
    const req = (https_ ? https : http).request(
      url,
      {
        method: 'POST',
        agent: https_ ? agents.https : agents.http,
        lookup: checkedLookup as never,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        // The receiver's answer is not read beyond its status; the stream is drained so the socket is reused.
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
