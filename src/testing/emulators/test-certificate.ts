/**
 * A certificate for an emulator that must speak https, made when it starts: self-signed, for
 * `localhost`, 127.0.0.1 and ::1, valid for a day. Clients trust it by its PEM (`tlsOptions: { ca }` for
 * the Azure SDKs, or `NODE_EXTRA_CA_CERTS` for a whole process); nothing is written to disk.
 */
import { generate } from 'selfsigned';

export interface TestCertificate {
  /** The certificate, PEM: what clients trust. */
  cert: string;
  /** Its private key, PEM: the server's alone. */
  key: string;
}

/**
 * @example
 * const { cert, key } = await createTestCertificate();
 * const server = createServer({ cert, key }, handler); // node:https
 */
export async function createTestCertificate(): Promise<TestCertificate> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 24 * 3_600_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}
