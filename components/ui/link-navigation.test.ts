import { describe, expect, it } from 'vitest';
import { clientNavigationTarget } from './link-navigation';

const here = { href: 'http://app.test/versions?page=2', origin: 'http://app.test' };
const click = { button: 0, metaKey: false, ctrlKey: false, shiftKey: false, altKey: false, defaultPrevented: false };
function anchor(href: string, attrs: Record<string, string> = {}) {
  return {
    href: new URL(href, here.href).href,
    getAttribute: (name: string) => attrs[name] ?? null,
    hasAttribute: (name: string) => name in attrs,
  };
}

describe('clientNavigationTarget (decision 027)', () => {
  it('navigates a plain click on a link of this origin client-side, keeping query and hash', () => {
    expect(clientNavigationTarget(click, anchor('/versions/m-1?tab=rai#metrics'), here)).toBe('/versions/m-1?tab=rai#metrics');
    expect(clientNavigationTarget(click, anchor('/'), here)).toBe('/');
    expect(clientNavigationTarget(click, anchor('/versions?page=3'), here)).toBe('/versions?page=3');
    expect(clientNavigationTarget(click, anchor('/versions', { target: '_self' }), here)).toBe('/versions');
  });

  it('leaves other buttons and modifier keys to the browser (new tab, new window, download)', () => {
    for (const mod of ['metaKey', 'ctrlKey', 'shiftKey', 'altKey'] as const) {
      expect(clientNavigationTarget({ ...click, [mod]: true }, anchor('/versions/m-1'), here), mod).toBeNull();
    }
    expect(clientNavigationTarget({ ...click, button: 1 }, anchor('/versions/m-1'), here)).toBeNull();
  });

  it('leaves a click that a handler cancelled, another target, a download and another origin alone', () => {
    expect(clientNavigationTarget({ ...click, defaultPrevented: true }, anchor('/versions/m-1'), here)).toBeNull();
    expect(clientNavigationTarget(click, anchor('/versions/m-1', { target: '_blank' }), here)).toBeNull();
    expect(clientNavigationTarget(click, anchor('/api/v1/audit/export', { download: '' }), here)).toBeNull();
    expect(clientNavigationTarget(click, anchor('https://example.org/versions'), here)).toBeNull();
  });

  it('leaves a jump within the same page to the browser, but not a hash on another page', () => {
    expect(clientNavigationTarget(click, anchor('/versions?page=2#results'), here)).toBeNull();
    expect(clientNavigationTarget(click, anchor('/versions?page=1#results'), here)).toBe('/versions?page=1#results');
  });
});
