/**
 * A minimal browser for the identity provider's pages: keeps cookies per host, follows redirects one by
 * one, and submits HTML forms by id. Enough for what a person does on the login and device pages.
 */
export interface BrowserPage {
  readonly url: string;
  readonly status: number;
  readonly body: string;
}

interface HtmlForm {
  readonly action: string;
  readonly method: string;
  readonly fields: URLSearchParams;
}

const attribute = (tag: string, name: string): string | undefined =>
  new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, 'i').exec(tag)?.[1]?.replace(/&amp;/g, '&');

export class BrowserAgent {
  private readonly cookies = new Map<string, Map<string, string>>();
  /** Every URL the agent was sent to, in order. */
  readonly visited: string[] = [];

  /** Opens a URL and follows redirects until a page (or a URL `stopAt` accepts) is reached. */
  async open(url: string, stopAt: (url: string) => boolean = () => false): Promise<BrowserPage> {
    return this.request(url, { method: 'GET' }, stopAt);
  }

  /** Submits the form with `formId` (or the first form) of a page, overriding or adding fields. */
  async submit(page: BrowserPage, values: Record<string, string> = {}, formId?: string, stopAt?: (url: string) => boolean): Promise<BrowserPage> {
    const form = this.findForm(page, formId);
    for (const [name, value] of Object.entries(values)) form.fields.set(name, value);
    return this.request(
      new URL(form.action || page.url, page.url).toString(),
      { method: form.method, body: form.fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      stopAt ?? (() => false),
    );
  }

  private async request(url: string, init: RequestInit, stopAt: (url: string) => boolean): Promise<BrowserPage> {
    let current = url;
    let options: RequestInit = init;
    for (let hops = 0; hops < 20; hops += 1) {
      this.visited.push(current);
      if (stopAt(current)) return { url: current, status: 0, body: '' };
      const host = new URL(current).host;
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
      const response = await fetch(current, { ...options, redirect: 'manual', headers: { ...(options.headers ?? {}), ...(cookie ? { cookie } : {}) } });
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';');
        const separator = pair!.indexOf('=');
        jar.set(pair!.slice(0, separator).trim(), pair!.slice(separator + 1).trim());
      }
      this.cookies.set(host, jar);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        current = new URL(location, current).toString();
        options = { method: 'GET' };
        await response.arrayBuffer();
        continue;
      }
      return { url: current, status: response.status, body: await response.text() };
    }
    throw new Error(`Too many redirects from ${url}`);
  }

  private findForm(page: BrowserPage, formId?: string): HtmlForm {
    const forms = [...page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)];
    const match = formId ? forms.find(([, tag]) => attribute(tag!, 'id') === formId) : forms[0];
    if (!match) throw new Error(`No form ${formId ?? ''} on ${page.url}:\n${page.body.slice(0, 2000)}`);
    const [, tag, inner] = match;
    const fields = new URLSearchParams();
    for (const [input] of inner!.matchAll(/<input\b[^>]*>/gi)) {
      const name = attribute(input, 'name');
      if (name) fields.set(name, attribute(input, 'value') ?? '');
    }
    return { action: attribute(tag!, 'action') ?? '', method: (attribute(tag!, 'method') ?? 'GET').toUpperCase(), fields };
  }
}
