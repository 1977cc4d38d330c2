// Typed serials at the gate (domain/serial): the mistakes people make are forgiven, and a typed
// number is never taken for another event's ticket.
#include <gtest/gtest.h>

#include "domain/serial.hpp"

namespace gatepass {
namespace {

TEST(TypedSerial, SpacesCaseAndDashesAreForgiven) {
  EXPECT_EQ(normalise_typed_serial("HL2027-000002", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("  hl2027-000002 ", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027 000002", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027 - 000002", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027--000002", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027\t000002", "HL2027"), "HL2027-000002");
}

TEST(TypedSerial, MissingDashAndPaddingAreAdded) {
  EXPECT_EQ(normalise_typed_serial("HL2027000002", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("hl20272", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027-2", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial("HL2027-0000002", "HL2027"), "HL2027-000002");  // one zero too many
  EXPECT_EQ(normalise_typed_serial("HL2027-1234567", "HL2027"), "HL2027-1234567");  // wider numbers stay wide
}

TEST(TypedSerial, TheNumberAloneUsesTheGatesPrefix) {
  EXPECT_EQ(normalise_typed_serial("2", "HL2027"), "HL2027-000002");
  EXPECT_EQ(normalise_typed_serial(" 000017 ", "SUMMER26"), "SUMMER26-000017");
  EXPECT_EQ(normalise_typed_serial("123456", "EVT"), "EVT-123456");
  // Without a gate event there is no prefix to add: the number names nothing.
  EXPECT_EQ(normalise_typed_serial("2"), "2");
}

TEST(TypedSerial, AnotherEventsPrefixIsNeverTakenForTheGates) {
  EXPECT_EQ(normalise_typed_serial("HL2026-000002", "HL2027"), "HL2026-000002");
  EXPECT_EQ(normalise_typed_serial("hl2026 2", "HL2027"), "HL2026-000002");
  // A prefix that extends the gate's keeps its own serials when they are typed with a separator.
  EXPECT_EQ(normalise_typed_serial("EVT12-000005", "EVT1"), "EVT12-000005");
  EXPECT_EQ(normalise_typed_serial("EVT12 5", "EVT1"), "EVT12-000005");
  // ... and the gate's prefix inside another one is not stripped.
  EXPECT_EQ(normalise_typed_serial("XHL2027-000002", "HL2027"), "XHL2027-000002");
  // Without a gate event every prefix is kept as typed, padded.
  EXPECT_EQ(normalise_typed_serial("evt2026 - 123"), "EVT2026-000123");
}

TEST(TypedSerial, WhatCannotBeASerial) {
  EXPECT_FALSE(normalise_typed_serial("", "HL2027"));
  EXPECT_FALSE(normalise_typed_serial("   ", "HL2027"));
  EXPECT_FALSE(normalise_typed_serial(" - ", "HL2027"));
  EXPECT_FALSE(normalise_typed_serial("O'Brien", "HL2027"));
  EXPECT_FALSE(normalise_typed_serial("https://example.org/t/1", "HL2027"));
  EXPECT_FALSE(normalise_typed_serial(std::string(65, '1'), "HL2027"));
  // Padding would take it past the limit: refused rather than an answer that does not read back.
  EXPECT_FALSE(normalise_typed_serial(std::string(60, 'A') + " 2", "HL2027"));
  // A name is a possible serial in form only: it stays what it is and matches nothing.
  EXPECT_EQ(normalise_typed_serial("Ann Smith", "HL2027"), "ANN-SMITH");
  // Too many digits for a ticket number: kept as typed, never wrapped into a small number.
  EXPECT_EQ(normalise_typed_serial("1234567890123456", "HL2027"), "1234567890123456");
}

TEST(TypedSerial, IsIdempotent) {
  for (const char* typed : {"2", "hl2027 2", "HL2026 - 17", "Ann Smith", "EVT12 5", "1234567890123456"}) {
    const auto once = normalise_typed_serial(typed, "HL2027");
    ASSERT_TRUE(once) << typed;
    EXPECT_EQ(normalise_typed_serial(*once, "HL2027"), once) << typed;
  }
}

TEST(Serial, OnlyANumberOrThePrefixAndANumberCanOnlyMeanTheGatesOwnSerial) {
  for (const char* typed : {"17", " 000017 ", "hl2027 17", "HL2027-000017", "HL2027000017", "hl2027 - 17"})
    EXPECT_TRUE(names_only_own_serial(typed, "HL2027")) << typed;
  for (const char* typed : {"", " - ", "HL2027", "HL2026-000017", "anna 17", "guest17@example.com", "17a", "Zoë 17"})
    EXPECT_FALSE(names_only_own_serial(typed, "HL2027")) << typed;
  EXPECT_TRUE(names_only_own_serial("17", "")) << "a number is a serial even without a prefix to compare";
  EXPECT_FALSE(names_only_own_serial("EVT 17", "")) << "without the gate's prefix, letters may be a name";
  EXPECT_FALSE(names_only_own_serial(std::string(65, '1'), "HL2027")) << "longer than any typed serial";
}

}  // namespace
}  // namespace gatepass
