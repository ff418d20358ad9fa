import { isForbiddenAddress, isForbiddenHostName } from './target-address-policy.js';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '2002:a00:1::',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    'ff02::1',
    'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe('isForbiddenHostName', () => {
  it.each(['localhost', 'LOCALHOST.', 'sub.localhost', 'a.b.localhost..'])('refuses the loopback name %s', (name) => {
    expect(isForbiddenHostName(name)).toBe(true);
  });

  it.each(['example.com', 'localhost.example.com', 'mylocalhost', 'notlocalhost.io'])('allows %s', (name) => {
    expect(isForbiddenHostName(name)).toBe(false);
  });
});
