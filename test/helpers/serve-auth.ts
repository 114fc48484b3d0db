import http from 'node:http';

/** The URL `mwb serve` prints: `http://127.0.0.1:<port>/?token=<secret>`. */
export const PRINTED_URL = /at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+))/;

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A GET (or another method) to the server at 127.0.0.1, with the headers given and no others. */
export function httpGet(port: number, pathname: string, headers: Record<string, string> = {}, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, headers, method }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Opens the printed URL as a browser does and returns the cookie the server sets (`name=value`),
 * after checking the exchange: a redirect to the clean URL, an HttpOnly SameSite=Strict cookie.
 */
export async function exchangeSecret(printedUrl: string): Promise<string> {
  const url = new URL(printedUrl);
  const res = await httpGet(Number(url.port), `${url.pathname}${url.search}`, { host: url.host });
  const setCookie = res.headers['set-cookie']?.[0];
  if (res.status !== 302 || res.headers.location !== '/' || !setCookie || !/; HttpOnly/.test(setCookie) || !/; SameSite=Strict/.test(setCookie)) {
    throw new Error(`the printed URL did not trade its secret for a cookie: ${res.status} ${JSON.stringify(res.headers)}`);
  }
  return setCookie.split(';')[0];
}
