// What Node's HTTP parser refuses before Express sees it (oversized headers, malformed requests) is
// answered as problem+json too, on a real loopback server.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { answerClientErrorsWithProblems } from '../../api/problem.js';

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('ok'));
  answerClientErrorsWithProblems(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

/** Sends raw bytes and returns the whole answer. */
function raw(request: string): Promise<string> {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('end', () => ok(answer));
    socket.on('error', fail);
  });
}

function parse(answer: string) {
  const [head, body] = answer.split('\r\n\r\n');
  return { status: Number(head!.split(' ')[1]), contentType: /content-type: ([^\r]+)/i.exec(head!)?.[1], body: JSON.parse(body!) as Record<string, unknown> };
}

describe('client errors as problems', () => {
  it('headers over the limit: 431 problem+json', async () => {
    const r = parse(await raw(`GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(r).toEqual({
      status: 431,
      contentType: 'application/problem+json',
      body: expect.objectContaining({ status: 431, title: 'Request Header Fields Too Large', code: 'REQUEST_HEADER_FIELDS_TOO_LARGE', '@type': 'Error' }),
    });
  });

  it('a malformed request: 400 problem+json', async () => {
    const r = parse(await raw('NOT HTTP AT ALL\r\n\r\n'));
    expect(r).toEqual({ status: 400, contentType: 'application/problem+json', body: expect.objectContaining({ status: 400, title: 'Bad Request' }) });
  });

  it('a well-formed request still reaches the handler', async () => {
    expect(await raw('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*ok$/);
  });
});
