package org.uniconbench.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupCharacters() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;", Html.esc("<a href=\"x\">&'"));
        assertEquals("", Html.esc(null));
    }

    @Test
    void countsUseCommaThousandsSeparators() {
        assertEquals("1,234,567", Html.count(1_234_567));
        assertEquals("999", Html.count(999));
    }

    @Test
    void lossesKeepFourSignificantDigits() {
        assertEquals("0.05", Html.sig(0.05));
        assertEquals("0.01235", Html.sig(0.0123456));
        assertEquals("1.235", Html.sig(1.23456));
        assertEquals("3.000e-05", Html.sig(3e-5));
        assertEquals("NaN", Html.sig(Double.NaN));
    }

    @Test
    void bytesAreShownInMebibytes() {
        assertEquals("117.7", Html.mib(123_456_789));
        assertEquals("64.0", Html.mib(64L << 20));
    }
}
