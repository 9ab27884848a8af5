package com.retailer.bluegreen.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LexTest {

    @Test
    void aSingleColumnIsAPlainComparison() {
        assertEquals("(s.seq > t.seq)", Lex.sourceGreater(List.of("seq")));
    }

    @Test
    void laterColumnsOnlyBreakTiesOfEarlierOnes() {
        assertEquals("(s.seq > t.seq OR (s.seq = t.seq AND (s.p > t.p OR (s.p = t.p AND (s.o > t.o)))))",
                Lex.sourceGreater(List.of("seq", "p", "o")));
        assertEquals("(s.p < t.p OR (s.p = t.p AND (s.o < t.o)))", Lex.sourceLess(List.of("p", "o")));
    }
}
