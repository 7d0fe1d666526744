/** Small fetch wrapper for tests: JSON in, status and JSON out. */
export async function http(method: string, url: string, options: { key?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(url, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.key ? { 'x-api-key': options.key } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: response.status, body: json, headers: response.headers };
}

export async function graphql(url: string, key: string | undefined, query: string, variables?: Record<string, unknown>) {
  return http('POST', `${url}/graphql`, { key, body: { query, variables } });
}

/** Reads Server-Sent Events from a fetch response body: each event's data, parsed as JSON. */
export async function* serverSentEvents<T>(body: ReadableStream<Uint8Array>): AsyncGenerator<T> {
  const decoder = new TextDecoder();
  let buffered = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
      const data = buffered.slice(0, end).split('\n').filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      buffered = buffered.slice(end + 2);
      if (data) yield JSON.parse(data) as T;
    }
  }
}
