package com.retailer.bluegreen.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule of the redactor on text where the secret would otherwise be printed. */
class RedactorTest {

    @Test
    void a_known_value_is_hidden_wherever_it_appears_also_percent_encoded() {
        Redactor r = Redactor.of(List.of("pa ss/w0rd", "s3cr3t-value"));
        assertEquals("login failed for [hidden] (again: [hidden]), encoded [hidden]",
                r.redact("login failed for s3cr3t-value (again: s3cr3t-value), encoded pa+ss%2Fw0rd"));
        assertEquals("x [hidden] y", r.redact("x pa ss/w0rd y"));
    }

    @Test
    void a_longer_secret_containing_a_shorter_one_is_hidden_whole() {
        Redactor r = Redactor.of(List.of("abcd", "abcdefgh"));
        assertEquals("[hidden]!", r.redact("abcdefgh!"));
    }

    @Test
    void values_too_short_to_search_for_are_left_to_the_key_rules() {
        assertEquals("a b abc", Redactor.of(List.of("a", "abc")).redact("a b abc"));
        assertEquals("[hidden] and [hidden]", Redactor.of(List.of("abc")).and(List.of("abcd", "true"))
                .redact("abcd and true"));
    }

    @Test
    void a_url_keeps_scheme_user_host_and_path_and_hides_the_password() {
        assertEquals("GET https://svc:[hidden]@registry.example.com:8081/subjects failed",
                Redactor.NONE.redact("GET https://svc:hunter2@registry.example.com:8081/subjects failed"));
        assertEquals("http://[hidden]@host/x", Redactor.NONE.redact("http://ghp_abcdef@host/x"));
        assertEquals("s3a://AKIA:[hidden]@bucket/p", Redactor.NONE.redact("s3a://AKIA:p@ss@bucket/p"),
                "a password holding an unencoded @");
        assertEquals("abfss://container@acct.dfs.core.windows.net/lake",
                Redactor.NONE.redact("abfss://container@acct.dfs.core.windows.net/lake"),
                "an Azure container is not a credential");
        assertEquals("see https://host/path?email=a@b.com", Redactor.NONE.redact("see https://host/path?email=a@b.com"));
    }

    @Test
    void secret_query_parameters_such_as_a_sas_signature_are_hidden() {
        String sas = "https://acct.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sig=AbC%2Fd3F&se=2030-01-01&token=tk1";
        assertEquals("https://acct.blob.core.windows.net/c/f?sv=2022-11-02&ss=b&sig=[hidden]&se=2030-01-01"
                + "&token=[hidden]", Redactor.NONE.redact(sas));
        assertEquals("https://maps.example/api?key=[hidden]", Redactor.NONE.redact("https://maps.example/api?key=k1"));
    }

    @Test
    void jaas_options_and_set_echoes_are_hidden_but_a_bare_key_in_prose_is_not() {
        assertEquals("ScramLoginModule required username=\"svc\" password=\"[hidden]\";",
                Redactor.NONE.redact("ScramLoginModule required username=\"svc\" password=\"x y z\";"));
        assertEquals("--set kafka.options.kafka.ssl.key.password=[hidden] refused",
                Redactor.NONE.redact("--set kafka.options.kafka.ssl.key.password=abc refused"));
        assertEquals("expected key=value, record key=o-1",
                Redactor.NONE.redact("expected key=value, record key=o-1"));
        assertEquals("a = [hidden] stays", Redactor.NONE.redact("a = [hidden] stays"));
    }

    @Test
    void names_of_secrets() {
        for (String name : List.of("password", "kafka.sasl.jaas.config", "kafka.ssl.keystore.location", "sasToken",
                "azure.sas", "apiKey", "client_secret", "CREDENTIALS", "sig", "basic.auth.user.info")) {
            assertTrue(Redactor.isSecretName(name), name);
        }
        for (String name : List.of("kafka.sasl.mechanism", "kafka.security.protocol", "url", "timeout",
                "kafka.ssl.truststore.location", "authority")) {
            assertFalse(Redactor.isSecretName(name), name);
        }
    }

    @Test
    void credentials_in_a_value_are_the_url_password_and_secret_parameters() {
        assertEquals(List.of("pw1", "tok"), Redactor.credentialsIn("https://u:pw1@h/x?token=tok&v=1"));
        assertEquals(List.of("lone"), Redactor.credentialsIn("http://lone@h"));
    }

    @Test
    void a_stack_trace_is_redacted_including_its_causes() {
        Redactor r = Redactor.of(List.of("s3cr3t-value"));
        String trace = r.stackTrace(new IllegalStateException("outer s3cr3t-value",
                new RuntimeException("inner https://u:pw@h")));
        assertFalse(trace.contains("s3cr3t-value") || trace.contains(":pw@"), trace);
        assertTrue(trace.contains("Caused by: java.lang.RuntimeException: inner https://u:[hidden]@h"), trace);
        assertEquals("Redactor[1 secret value(s)]", r.toString(), "says how many, never which");
    }
}
