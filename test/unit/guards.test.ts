import http from 'node:http';
import net from 'node:net';
import { networkInterfaces } from 'node:os';

/**
 * The harness promises of test/support/guards.ts, loaded before every test file. The "outside" target is this
 * machine's own non-loopback address with a server of ours on it: should a guard ever let a connection through, it
 * still never leaves the machine, and the server notices it.
 */
const ownAddress = Object.values(networkInterfaces())
  .flat()
  .find((nic) => nic && nic.family === 'IPv4' && !nic.internal)?.address;

describe('test guards', () => {
  let server: http.Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    if (!ownAddress)
      throw new Error('this machine has no non-loopback IPv4 address to test the guard against');
    server = http.createServer((req, res) => {
      received.push(req.url ?? '');
      res.end('reached');
    });
    await new Promise<void>((resolve) => server.listen(0, ownAddress, resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('when a test connects to a non-loopback address (net, http or fetch), then it fails and nothing is sent', async () => {
    expect(() => net.connect({ host: ownAddress, port })).toThrow(/forbidden in tests/);
    expect(() => net.connect(port, ownAddress)).toThrow(/forbidden in tests/);
    expect(() => http.get(`http://${ownAddress}:${port}/http`)).toThrow(/forbidden in tests/);
    await expect(fetch(`http://${ownAddress}:${port}/fetch`)).rejects.toMatchObject({
      cause: expect.objectContaining({ message: expect.stringMatching(/forbidden in tests/) }),
    });
    expect(received).toEqual([]);
  });

  it('when a test connects to loopback, then it is allowed', async () => {
    const local = http.createServer((_req, res) => res.end('hi'));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const { port: localPort } = local.address() as net.AddressInfo;
    expect(await (await fetch(`http://127.0.0.1:${localPort}/`)).text()).toBe('hi');
    expect(await (await fetch(`http://localhost:${localPort}/`)).text()).toBe('hi');
    await new Promise((resolve) => local.close(resolve));
  });

  it('when a test writes to the console, then it fails', () => {
    // eslint-disable-next-line no-console -- the point of the test
    expect(() => console.log('hello')).toThrow(/console\.log was called in a test/);
  });
});
