package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md carries the key table generated from ConfigKeys. When a key changes, regenerate it with
 * {@code mvn -o -pl conf test -Dtest=ConfigReferenceTest -Dconfig.docs.write=true}.
 */
class ConfigReferenceTest {

    private static final Path DOC = ConfigFilesTest.MODULE_DIR.resolve("../docs/configuration.md").normalize();

    @Test
    void the_configuration_reference_lists_exactly_the_declared_keys() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf(ConfigReference.BEGIN);
        int end = doc.indexOf(ConfigReference.END);
        assertTrue(begin >= 0 && end > begin, DOC + " lacks the generated-table markers");
        String expected = ConfigReference.markdownTable();
        String actual = doc.substring(begin + ConfigReference.BEGIN.length(), end).strip() + "\n";
        if (!expected.equals(actual) && Boolean.getBoolean("config.docs.write")) {
            Files.writeString(DOC, doc.substring(0, begin + ConfigReference.BEGIN.length()) + "\n" + expected
                    + doc.substring(end));
            return;
        }
        assertEquals(expected, actual, DOC + " is out of date; regenerate it with -Dconfig.docs.write=true");
    }

    @Test
    void every_key_has_help_and_a_type() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(!key.help().isBlank() && !key.type().isBlank(), key.path());
            assertTrue(!key.help().endsWith("."), key.path() + ": help is embedded in sentences, so no final period");
        }
    }
}
