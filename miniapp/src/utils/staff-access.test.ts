import { staffRoles } from '@shared/roles';
import { pages } from './links';
import { consoleLink, staffHomeOffer, staffLandingPage } from './staff-access';

describe('staffLandingPage', () => {
  it('takes cashiers to the register and every other role to the staff home', () => {
    expect(staffLandingPage('cashier')).toBe(pages.cashier);
    for (const role of staffRoles.filter((r) => r !== 'cashier')) expect(staffLandingPage(role)).toBe(pages.staffHome);
  });
});

describe('staffHomeOffer', () => {
  it('offers cashiers the register and everyone else the console', () => {
    expect(staffHomeOffer('cashier')).toBe('register');
    expect(staffHomeOffer('ops')).toBe('console');
    expect(staffHomeOffer('service')).toBe('console');
    expect(staffHomeOffer('finance')).toBe('console');
    expect(staffHomeOffer('admin')).toBe('console');
  });
});

describe('consoleLink', () => {
  it('keeps an http(s) address, trimmed', () => {
    expect(consoleLink('http://127.0.0.1:5180')).toBe('http://127.0.0.1:5180');
    expect(consoleLink(' https://console.example.com/ ')).toBe('https://console.example.com/');
    expect(consoleLink('https://d111111abcdef8.cloudfront.net/#/members')).toBe('https://d111111abcdef8.cloudfront.net/#/members');
    expect(consoleLink('http://[::1]:5180/')).toBe('http://[::1]:5180/');
  });
  it('is no link when unset or not a web address', () => {
    expect(consoleLink(undefined)).toBeUndefined();
    expect(consoleLink('')).toBeUndefined();
    expect(consoleLink('   ')).toBeUndefined();
    expect(consoleLink(42)).toBeUndefined();
    expect(consoleLink('console.example.com')).toBeUndefined();
    expect(consoleLink('javascript:alert(1)')).toBeUndefined();
    expect(consoleLink('https://')).toBeUndefined();
    expect(consoleLink('https://a b.com')).toBeUndefined();
  });
});
