package com.retailer.bluegreen.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WireFormatTest {

    @Test
    void encodePutsMagicZeroThenTheBigEndianIdThenTheBody() {
        byte[] framed = WireFormat.encode(0x01020304, new byte[] {9, 8});
        assertArrayEquals(new byte[] {0, 1, 2, 3, 4, 9, 8}, framed);
    }

    @Test
    void parseHeaderReadsBackTheIdAndBodyBounds() {
        byte[] framed = WireFormat.encode(300_000, new byte[] {1, 2, 3});
        WireFormat.Header.Valid header = assertInstanceOf(WireFormat.Header.Valid.class, WireFormat.parseHeader(framed));
        assertEquals(new WireFormat.Header.Valid(300_000, 5, 3), header);
    }

    @Test
    void anIdWithTheHighBitSetRoundTripsAsTheSameInt() {
        byte[] framed = WireFormat.encode(-2, new byte[0]);
        assertEquals(new WireFormat.Header.Valid(-2, 5, 0), WireFormat.parseHeader(framed));
    }

    @Test
    void aValueShorterThanTheHeaderIsInvalidNamingItsLength() {
        WireFormat.Header.Invalid header = assertInstanceOf(WireFormat.Header.Invalid.class,
                WireFormat.parseHeader(new byte[] {0, 0, 0, 1}));
        assertTrue(header.reason().contains("4 byte(s)"), header.reason());
    }

    @Test
    void aMagicByteOtherThanZeroIsInvalidNamingTheByte() {
        WireFormat.Header.Invalid header = assertInstanceOf(WireFormat.Header.Invalid.class,
                WireFormat.parseHeader(new byte[] {(byte) 0xAB, 0, 0, 0, 1, 2}));
        assertTrue(header.reason().contains("0xab"), header.reason());
    }
}
