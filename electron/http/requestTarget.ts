/**
 * The request-target of an HTTP request (RFC 9112 §3.2) as a path and a query, or null when it is
 * not one a server here can route. Never throws: a target is attacker input, read before any
 * authentication, and one that threw once stopped the collector (issue #11, defect 7).
 *
 * Origin-form ("/path?query") is read as a path even when it starts with "//": resolved against a
 * base URL, "//x:99999/" would be taken for an authority, and fail. Absolute-form
 * ("http://host/path?query", what proxies send) is accepted as RFC 9112 asks of a server.
 * Characters RFC 3986 does not allow in a path or query ("[", "%" without two hex digits, "|",
 * "{", …) are refused too: Node's parser lets them through, and no path served here has them.
 */
export interface RequestTarget {
  /** Percent-encoded, dot segments removed, as the WHATWG URL parser leaves it. */
  readonly path: string;
  readonly query: URLSearchParams;
}

const PCHAR = "[A-Za-z0-9\\-._~!$&'()*+,;=:@]|%[0-9A-Fa-f]{2}";
const PATH_AND_QUERY = `(?:/(?:${PCHAR})*)+(?:\\?(?:${PCHAR}|[/?])*)?`;
const ORIGIN_FORM = new RegExp(`^${PATH_AND_QUERY}$`);
const HOST = "\\[[0-9A-Fa-f:.]+\\]|(?:[A-Za-z0-9\\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})*";
const ABSOLUTE_FORM = new RegExp(`^https?://(?:${HOST})(?::\\d{1,5})?(?:${PATH_AND_QUERY})?$`, 'i');

export function parseRequestTarget(target: string | undefined): RequestTarget | null {
  if (target === undefined) return null;
  const absolute = /^https?:\/\//i.test(target);
  if (!(absolute ? ABSOLUTE_FORM : ORIGIN_FORM).test(target)) return null;
  let url: URL;
  try {
    if (target.startsWith('/')) url = new URL(`http://request-target${target}`);
    else if (absolute) url = new URL(target);
    else return null;
  } catch {
    return null;
  }
  return { path: url.pathname, query: url.searchParams };
}
