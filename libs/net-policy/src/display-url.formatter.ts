/**
 * A URL as it may appear in errors and logs: scheme, host, port and path only. Userinfo and the query
 * string can carry credentials (`?token=`), so they never leave this function.
 */
export function displayUrl(text: string): string {
  try {
    const url = new URL(text);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '<invalid URL>';
  }
}
