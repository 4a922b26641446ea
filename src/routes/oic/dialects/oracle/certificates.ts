/**
 * A certificate in Oracle's shape (/ic/api/integration/v1/certificates): the
 * alias as id and name, type and category, and for an X.509 TRUST
 * certificate what Oracle reads from it (subject, issuer, serial, validity).
 */
import { X509Certificate } from 'node:crypto';
import { CERTIFICATES } from '../../../../oic/links';
import type { CertificateRecord } from '../../../../store/oic/certificates';

/** The X.509 certificate of a TRUST record, or undefined (another kind, or not one). */
export function x509Of(rec: Pick<CertificateRecord, 'type' | 'category' | 'content'>): X509Certificate | undefined {
  if (rec.type !== 'X509' || rec.category !== 'TRUST') return undefined;
  try {
    return new X509Certificate(rec.content);
  } catch {
    return undefined;
  }
}

export function certificateView(r: CertificateRecord) {
  const x = x509Of(r);
  return {
    id: r.alias,
    name: r.alias,
    type: r.type,
    category: r.category,
    ...(r.description ? { description: r.description } : {}),
    installedType: 'USER',
    status: 'CONFIGURED',
    ...(x ? {
      subjectDN: x.subject.replace(/\n/g, ', '),
      issuerDN: x.issuer.replace(/\n/g, ', '),
      serialNumber: x.serialNumber,
      validFrom: new Date(x.validFrom).toISOString(),
      expirationDate: new Date(x.validTo).toISOString(),
    } : {}),
    created: new Date(r.created).toISOString(),
    createdBy: r.createdBy,
    links: [{ rel: 'self', href: `${CERTIFICATES}/${encodeURIComponent(r.alias)}` }],
  };
}
