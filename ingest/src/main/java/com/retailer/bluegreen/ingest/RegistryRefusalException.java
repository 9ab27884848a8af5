package com.retailer.bluegreen.ingest;

/**
 * The registry understood the request and refused it: an unknown subject or version, an invalid version, schema or
 * compatibility level, or (the subclass {@link IncompatibleSchemaException}) a schema that breaks the subject's
 * compatibility level. Not transient: asking again gets the same answer, so it is never a reason to retry a batch
 * (compare {@link RegistryUnavailableException}).
 *
 * <p>{@link #errorCode()} is the Confluent Schema Registry error code the REST API answers with.
 */
public class RegistryRefusalException extends IllegalArgumentException {
    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int SUBJECT_SOFT_DELETED = 40404;
    public static final int VERSION_SOFT_DELETED = 40406;
    public static final int SUBJECT_COMPATIBILITY_NOT_CONFIGURED = 40408;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;
    public static final int INVALID_VERSION = 42202;
    public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
    public static final int OPERATION_NOT_PERMITTED = 42205;

    private final int errorCode;

    public RegistryRefusalException(int errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    /** Confluent's error code, e.g. 40401 for an unknown subject. */
    public int errorCode() {
        return errorCode;
    }

    /** The HTTP status Confluent answers this error code with: its first three digits (409 for 409). */
    public int httpStatus() {
        return httpStatus(errorCode);
    }

    /** The HTTP status of a Confluent error code: 40401 → 404, 42201 → 422, 409 → 409. */
    public static int httpStatus(int errorCode) {
        int status = errorCode;
        while (status >= 1000) {
            status /= 10;
        }
        return status;
    }

    static RegistryRefusalException subjectNotFound(String subject) {
        return new RegistryRefusalException(SUBJECT_NOT_FOUND, "Subject '" + subject + "' not found.");
    }

    static RegistryRefusalException versionNotFound(int version) {
        return new RegistryRefusalException(VERSION_NOT_FOUND, "Version " + version + " not found.");
    }

    static RegistryRefusalException invalidVersion(String version) {
        return new RegistryRefusalException(INVALID_VERSION, "The specified version '" + version + "' is not a"
                + " valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }
}
