package org.uniconbench.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The report's prose captions, read once from {@code captions.properties} beside this class (UTF-8,
 * HTML). {@code {0}}, {@code {1}}... are replaced literally (no {@link java.text.MessageFormat}, whose
 * quoting would eat the apostrophes of the prose); callers pass values already escaped.
 */
final class Captions {
    private static final Properties TEXTS = load();

    private Captions() {
    }

    /**
     * The caption {@code key} with its placeholders filled.
     *
     * @throws IllegalStateException if there is no such caption (a typo in a section, caught by its tests)
     */
    static String get(String key, Object... values) {
        String text = TEXTS.getProperty(key);
        if (text == null) {
            throw new IllegalStateException("no caption '" + key + "' in captions.properties");
        }
        for (int i = 0; i < values.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(values[i]));
        }
        return text;
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Captions.class.getResourceAsStream("captions.properties")) {
            if (in == null) {
                throw new IllegalStateException("captions.properties is missing from the reports jar");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read captions.properties", e);
        }
        return p;
    }
}
