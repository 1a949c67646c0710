// A server-sent event stream read the way a test wants it (the desks' worklist and the order page's
// streams): opened with a bearer token, its events collected as they come with the time each came.
/** An open stream: its answer, the events so far, the raw text, and how to end it. */
export interface EventStreamReader {
  status: number;
  contentType: string | null;
  events: Array<{ event: string; data: string; at: number }>;
  raw: () => string;
  /** Resolves when the server ends the stream (or close() aborts it). */
  ended: Promise<void>;
  close: () => void;
}

/** Opens `url` as an event stream and collects its events (an unnamed one is `message`). */
export async function openEventStream(url: string, token: string): Promise<EventStreamReader> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  const events: EventStreamReader['events'] = [];
  let text = '';
  let buffer = '';
  const decoder = new TextDecoder();
  const ended = (async () => {
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const s = decoder.decode(chunk, { stream: true });
        text += s;
        buffer += s;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const field = (name: string) =>
            block
              .split('\n')
              .filter((l) => l.startsWith(`${name}:`))
              .map((l) => l.slice(name.length + 1).trim())
              .join('\n');
          if (field('event') || field('data')) events.push({ event: field('event') || 'message', data: field('data'), at: Date.now() });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { status: res.status, contentType: res.headers.get('content-type'), events, raw: () => text, ended, close: () => abort.abort() };
}
