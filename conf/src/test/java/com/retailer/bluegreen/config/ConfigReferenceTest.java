package com.retailer.bluegreen.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md carries the key table generated from ConfigKeys. When a key changes, regenerate it with
 * {@code mvn -o -pl conf test -Dtest=ConfigReferenceTest -Dconfig.docs.write=true}: that run rewrites the table and
 * still fails, naming the file to review and commit; the next run (with or without the property) passes.
 */
class ConfigReferenceTest {

    private static final Path DOC = ConfigFilesTest.MODULE_DIR.resolve("../docs/configuration.md").normalize();
    private static final String WRITE = "config.docs.write";

    @Test
    void the_configuration_reference_lists_exactly_the_declared_keys() throws IOException {
        String doc = Files.readString(DOC);
        String expected = ConfigReference.markdownTable();
        String actual = generatedTable(doc);
        if (!expected.equals(actual) && Boolean.getBoolean(WRITE)) {
            int begin = doc.indexOf(ConfigReference.BEGIN);
            int end = doc.indexOf(ConfigReference.END);
            Files.writeString(DOC, doc.substring(0, begin + ConfigReference.BEGIN.length()) + "\n" + expected
                    + doc.substring(end));
            assertEquals(expected, generatedTable(Files.readString(DOC)),
                    "rewriting " + DOC + " did not produce the generated table");
            fail(DOC + " was out of date and has been regenerated from ConfigKeys; review and commit it; the next"
                    + " run passes");
        }
        assertEquals(expected, actual, DOC + " is out of date; regenerate it with -D" + WRITE + "=true");
    }

    /** The text between the generated-table markers of {@code doc}, as {@link ConfigReference#markdownTable()} forms it. */
    private static String generatedTable(String doc) {
        int begin = doc.indexOf(ConfigReference.BEGIN);
        int end = doc.indexOf(ConfigReference.END);
        assertTrue(begin >= 0 && end > begin, DOC + " lacks the generated-table markers");
        return doc.substring(begin + ConfigReference.BEGIN.length(), end).strip() + "\n";
    }

    @Test
    void every_key_has_help_and_a_type() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertTrue(!key.help().isBlank() && !key.type().isBlank(), key.path());
            assertTrue(!key.help().endsWith("."), key.path() + ": help is embedded in sentences, so no final period");
        }
    }
}
