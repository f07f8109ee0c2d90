"""Signs every empty signature field of a vanban PDF with pyHanko, as an
e-office signing tool would, then validates each signature and inspects the
signed file with pikepdf (qpdf). Used by tests/dien_tu.rs.

    python3 tests/ky_so.py IN.pdf OUT.pdf

Prints one JSON object (fields, validation results, XMP, qpdf's findings) and
exits 0; any exception exits non-zero with its traceback. The certificate is
a throw-away one made here: a self-signed key pair valid for a day.
"""

import datetime
import json
import os
import sys
import tempfile

import pikepdf
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.keys import load_cert_from_pemder
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext


def throw_away_certificate(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND tinh (thu nghiem)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Nguoi ky thu nghiem"),
        ]
    )
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path = os.path.join(folder, "key.pem")
    cert_path = os.path.join(folder, "cert.pem")
    with open(key_path, "wb") as f:
        f.write(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def empty_fields(path):
    with open(path, "rb") as f:
        reader = PdfFileReader(f)
        return [name for name, value, _ in fields.enumerate_sig_fields(reader) if value is None]


def main(source, target):
    with tempfile.TemporaryDirectory() as folder:
        key_path, cert_path = throw_away_certificate(folder)
        signer = signers.SimpleSigner.load(key_path, cert_path)
        root = load_cert_from_pemder(cert_path)

        names = empty_fields(source)
        current = source
        for i, name in enumerate(names):
            out = target if i == len(names) - 1 else os.path.join(folder, f"{i}.pdf")
            with open(current, "rb") as inf, open(out, "wb") as outf:
                writer = IncrementalPdfFileWriter(inf)
                meta = signers.PdfSignatureMetadata(field_name=name)
                signers.sign_pdf(writer, meta, signer=signer, output=outf)
            current = out

        results = []
        with open(target, "rb") as f:
            reader = PdfFileReader(f)
            context = ValidationContext(trust_roots=[root])
            for sig in reader.embedded_signatures:
                status = validate_pdf_signature(sig, context)
                results.append(
                    {
                        "field": sig.field_name,
                        "intact": status.intact,
                        "valid": status.valid,
                        "trusted": status.trusted,
                        "coverage": status.coverage.name,
                        "modification_level": status.modification_level.name
                        if status.modification_level is not None
                        else None,
                        "docmdp_ok": status.docmdp_ok,
                    }
                )

    with pikepdf.open(source) as pdf:
        problems_unsigned = [str(p) for p in pdf.check_pdf_syntax()]
        meta = pdf.open_metadata()
        xmp = {
            "part": meta.get("pdfaid:part"),
            "conformance": meta.get("pdfaid:conformance"),
        }
    with pikepdf.open(target) as pdf:
        problems_signed = [str(p) for p in pdf.check_pdf_syntax()]
        pages = len(pdf.pages)
        meta = pdf.open_metadata()
        xmp_signed = {
            "part": meta.get("pdfaid:part"),
            "conformance": meta.get("pdfaid:conformance"),
        }

    print(
        json.dumps(
            {
                "fields": names,
                "signatures": results,
                "xmp": xmp,
                "xmp_signed": xmp_signed,
                "problems_unsigned": problems_unsigned,
                "problems_signed": problems_signed,
                "pages": pages,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
