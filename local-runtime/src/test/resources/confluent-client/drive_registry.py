"""Drives a schema registry with Confluent's own Python client (confluent_kafka.schema_registry).

Usage: drive_registry.py URL ORDERS_V2_AVSC SEQ_AS_STRING_AVSC

Makes the calls Confluent's serializers and tools make -- register, the lookup of a serializer configured with
auto.register.schemas=false, compatibility levels and tests, the refusal of an incompatible version, soft deletes --
and checks each answer. Prints one line per step and "ALL OK" at the end; exits non-zero at the first mismatch.
"""
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

SUBJECT = "orders.cdc-value"


def refused(call, http_status, error_code):
    try:
        call()
    except SchemaRegistryError as e:
        if e.http_status_code != http_status or e.error_code != error_code:
            raise AssertionError("expected HTTP %d / %d, got %r" % (http_status, error_code, e))
        return e
    raise AssertionError("expected HTTP %d / %d, got an answer" % (http_status, error_code))


def check(what, actual, expected):
    if actual != expected:
        raise AssertionError("%s: expected %r, got %r" % (what, expected, actual))
    print("ok   %s = %r" % (what, actual))


def main(url, v2_path, seq_as_string_path):
    with open(v2_path) as f:
        v2 = Schema(f.read(), "AVRO")
    with open(seq_as_string_path) as f:
        seq_as_string = Schema(f.read(), "AVRO")
    client = SchemaRegistryClient({"url": url})

    v2_id = client.register_schema(SUBJECT, v2)
    print("ok   registered version 1 as id %d" % v2_id)

    # What AvroSerializer does with auto.register.schemas=false.
    found = SchemaRegistryClient({"url": url}).lookup_schema(SUBJECT, v2)
    check("lookup id", found.schema_id, v2_id)
    check("lookup version", found.version, 1)
    check("lookup subject", found.subject, SUBJECT)
    refused(lambda: client.lookup_schema("nope-value", v2), 404, 40401)
    refused(lambda: client.lookup_schema(SUBJECT, seq_as_string), 404, 40403)
    print("ok   lookups of an unknown subject / schema: 40401 / 40403")

    check("global level", client.get_compatibility(), "BACKWARD")
    refused(lambda: client.get_compatibility(SUBJECT), 404, 40408)
    print("ok   a subject without its own level: 40408")

    check("test_compatibility(seq as string)", client.test_compatibility(SUBJECT, seq_as_string), False)
    check("test_compatibility(version 1 again)", client.test_compatibility(SUBJECT, v2, version=1), True)
    e = refused(lambda: client.register_schema(SUBJECT, seq_as_string), 409, 409)
    if "reader type: STRING not compatible with writer type: LONG" not in e.error_message:
        raise AssertionError("409 message lacks Avro's reason: " + e.error_message)
    print("ok   incompatible registration: HTTP 409, error_code 409, Avro's reason in the message")

    check("set_compatibility(subject, NONE)", client.set_compatibility(SUBJECT, "NONE"), {"compatibility": "NONE"})
    check("subject level", client.get_compatibility(SUBJECT), "NONE")
    seq_id = client.register_schema(SUBJECT, seq_as_string)
    check("versions", client.get_versions(SUBJECT), [1, 2])
    check("latest version id", client.get_latest_version(SUBJECT).schema_id, seq_id)

    check("delete_version(2)", client.delete_version(SUBJECT, 2), 2)
    check("versions after deleting 2", client.get_versions(SUBJECT), [1])
    check("a deleted version's id still resolves",
          SchemaRegistryClient({"url": url}).get_schema(seq_id).schema_str == seq_as_string.schema_str, True)
    check("delete_subject", client.delete_subject(SUBJECT), [1])
    check("subjects", client.get_subjects(), [])

    check("set_compatibility(level=FULL)", client.set_compatibility(level="FULL"), {"compatibility": "FULL"})
    check("global level after set", client.get_compatibility(), "FULL")
    print("ALL OK")


if __name__ == "__main__":
    main(*sys.argv[1:4])
