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

const TYPE_REF = 'kind name ofType { kind name ofType { kind name ofType { kind name } } }';
type TypeRef = { kind: string; name: string | null; ofType: TypeRef | null };
const namedType = (type: TypeRef): TypeRef => (type.ofType ? namedType(type.ofType) : type);

/** A selection set of every field of a GraphQL object type, nested types included, read from the schema by introspection. */
export async function everyFieldOf(url: string, key: string, typeName: string): Promise<string> {
  const schema = await graphql(url, key, `{ __schema { types { name fields { name type { ${TYPE_REF} } } } } }`);
  const types = new Map<string, Array<{ name: string; type: TypeRef }> | null>(schema.body.data.__schema.types.map((t: { name: string; fields: unknown }) => [t.name, t.fields]));
  const selectionOf = (name: string): string => {
    const fields = types.get(name);
    return fields ? `{ ${fields.map((f) => `${f.name} ${selectionOf(namedType(f.type).name!)}`).join(' ')} }` : '';
  };
  return selectionOf(typeName);
}

/** `value` without its null properties: GraphQL answers an absent optional field null, REST leaves it out. */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
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
