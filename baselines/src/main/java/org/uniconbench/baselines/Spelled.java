package org.uniconbench.baselines;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An enum whose constants are written in experiment files (and summary rows) by one spelling: the
 * constant's name in lower case with {@code _} as {@code -} ({@code ZERO_FT} is {@code zero-ft},
 * {@code FASHION_MNIST} is {@code fashion-mnist}). The one rule for every choice the files name, so
 * an enum in {@code baselines} serves the experiment loader directly, with no mirror to convert.
 */
public interface Spelled {

    /** The constant's name, as {@link Enum#name()} gives it. */
    String name();

    /** The spelling used in experiment files, e.g. {@code zero-ft}. */
    default String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The spellings of {@code constants}, comma-separated, e.g. {@code local, slurm}.
     *
     * @param constants the choices
     * @return the list for an "allowed:" message
     */
    static String allowed(Spelled[] constants) {
        List<String> names = new ArrayList<>();
        for (Spelled c : constants) {
            names.add(c.yamlName());
        }
        return String.join(", ", names);
    }

    /**
     * The constant spelled {@code text}.
     *
     * @param type the enum
     * @param text the spelling
     * @param what what the value is, for the message, e.g. {@code executor}
     * @return the constant
     * @throws IllegalArgumentException naming the value and the allowed spellings when none matches
     */
    static <E extends Enum<E> & Spelled> E parse(Class<E> type, String text, String what) {
        E[] constants = type.getEnumConstants();
        for (E c : constants) {
            if (c.yamlName().equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not " + what + "; allowed: " + allowed(constants));
    }
}
