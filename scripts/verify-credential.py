#!/usr/bin/env python3
"""An independent eddsa-jcs-2022 verifier for credentials written by `hourbook certificate`.

Written from the specifications, sharing no code with Hourbook: W3C Data Integrity EdDSA
Cryptosuites v1.0 (eddsa-jcs-2022), RFC 8785 (JCS), RFC 8032 (Ed25519, through the
`cryptography` package), did:key (multicodec ed25519-pub 0xed01, multibase base58-btc).
Not run in CI.

    pip install cryptography [rfc8785]
    scripts/verify-credential.py CREDENTIAL.json [--public-key public-key.pem]

When Trail of Bits' `rfc8785` package is installed, the canonical forms are also checked
against it. Exit status 0 when the proof holds (and the key is the given one), 1 otherwise.
"""
import argparse
import hashlib
import json
import math
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text):
    number = 0
    for character in text:
        number = number * 58 + ALPHABET.index(character)
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def b58encode(data):
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = ALPHABET[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def jcs_string(text):
    out = ['"']
    for character in text:
        code = ord(character)
        if character == '"':
            out.append('\\"')
        elif character == "\\":
            out.append("\\\\")
        elif code < 0x20:
            out.append({8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(code, "\\u%04x" % code))
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


def jcs_number(value):
    if isinstance(value, bool) or not math.isfinite(value):
        raise ValueError("not a JSON number")
    if isinstance(value, int) and abs(value) < 2**53:
        return str(value)
    # ECMAScript Number::toString from the shortest round-trip digits.
    value = float(value)
    if value == 0:
        return "0"
    digits, exponent = repr(abs(value)).replace(".0e", "e").split("e") if "e" in repr(abs(value)) else (repr(abs(value)), "0")
    whole, _, fraction = digits.partition(".")
    n = len(whole) + int(exponent)
    digits = (whole + fraction).lstrip("0")
    n -= len(whole + fraction) - len((whole + fraction).lstrip("0"))
    digits = digits.rstrip("0")
    k = len(digits)
    sign = "-" if value < 0 else ""
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + mantissa + "e" + ("+" if e > 0 else "-") + str(abs(e))


def jcs(value):
    """RFC 8785: members sorted by UTF-16 code units, no white space."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return jcs_string(value)
    if isinstance(value, (int, float)):
        return jcs_number(value)
    if isinstance(value, list):
        return "[" + ",".join(jcs(item) for item in value) + "]"
    names = sorted(value, key=lambda name: name.encode("utf-16-be"))
    return "{" + ",".join(jcs_string(name) + ":" + jcs(value[name]) for name in names) + "}"


def reject_duplicates(pairs):
    names = [name for name, _ in pairs]
    if len(names) != len(set(names)):
        raise ValueError("duplicate member name")
    return dict(pairs)


def did_key_to_public_key(did):
    identifier = did.split("#")[0]
    if not identifier.startswith("did:key:z"):
        raise ValueError("not a did:key")
    decoded = b58decode(identifier[len("did:key:z"):])
    if decoded[:2] != b"\xed\x01" or len(decoded) != 34:
        raise ValueError("not an Ed25519 did:key")
    return decoded[2:]


def verify(credential, trusted_raw=None):
    proof = dict(credential["proof"])
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return False, "not a DataIntegrityProof with cryptosuite eddsa-jcs-2022"
    proof_value = proof.pop("proofValue")
    if not proof_value.startswith("z"):
        return False, "proofValue is not multibase base58-btc"
    signature = b58decode(proof_value[1:])
    unsecured = {name: value for name, value in credential.items() if name != "proof"}
    if "@context" in proof:
        if unsecured.get("@context", [])[: len(proof["@context"])] != proof["@context"]:
            return False, "proof @context does not match"
        unsecured["@context"] = proof["@context"]
    config = dict(proof)
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    hash_data = hashlib.sha256(jcs(config).encode()).digest() + hashlib.sha256(jcs(unsecured).encode()).digest()
    try:
        import rfc8785
        assert rfc8785.dumps(config) == jcs(config).encode() and rfc8785.dumps(unsecured) == jcs(unsecured).encode(), \
            "this script's JCS disagrees with the rfc8785 package"
        print("JCS cross-checked with the rfc8785 package")
    except ImportError:
        pass
    raw = did_key_to_public_key(proof["verificationMethod"])
    issuer = credential.get("issuer")
    issuer = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer != proof["verificationMethod"].split("#")[0]:
        return False, "the issuer is not the signing key"
    if trusted_raw is not None and raw != trusted_raw:
        return False, "signed by another key"
    try:
        Ed25519PublicKey.from_public_bytes(raw).verify(signature, hash_data)
    except InvalidSignature:
        return False, "the signature does not hold"
    return True, "the proof holds; issuer " + issuer


def self_test():
    # RFC 8785 section 3.2.2 and 3.2.3.
    sample = json.loads(
        '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],'
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}')
    assert jcs(sample) == ('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],'
                           '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}'), jcs(sample)
    order = json.loads('{"\\u20ac":1,"\\r":2,"\\ufb33":3,"1":4,"\\ud83d\\ude00":5,"\\u0080":6,"\\u00f6":7}')
    assert [json.loads(jcs(order))[k] for k in json.loads(jcs(order))] == [2, 4, 6, 7, 1, 5, 3]
    assert b58encode(b"Hello World!") == "2NEpo7TZRRrLZSi2U"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("credential")
    parser.add_argument("--public-key", help="PEM file of the organisation's public key to trust")
    arguments = parser.parse_args()
    self_test()
    with open(arguments.credential, encoding="utf-8") as file:
        credential = json.load(file, object_pairs_hook=reject_duplicates)
    trusted = None
    if arguments.public_key:
        with open(arguments.public_key, "rb") as file:
            trusted = serialization.load_pem_public_key(file.read()).public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    ok, message = verify(credential, trusted)
    print(("VALID: " if ok else "INVALID: ") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
