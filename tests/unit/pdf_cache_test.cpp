// The rendered-PDF cache: a hit returns what was put, and it never holds more than its bound.
#include <gtest/gtest.h>

#include "app/pdf_cache.hpp"

using gatepass::app::PdfCache;

TEST(PdfCache, ReturnsWhatWasRenderedAndForgetsTheOldestBeyondItsBound) {
  PdfCache cache;
  EXPECT_FALSE(cache.get("k0"));
  for (std::size_t i = 0; i <= PdfCache::kMaxEntries; ++i) cache.put("k" + std::to_string(i), "pdf" + std::to_string(i));
  EXPECT_FALSE(cache.get("k0")) << "the oldest went when the bound was reached";
  EXPECT_EQ(cache.get("k1"), "pdf1");
  EXPECT_EQ(cache.get("k" + std::to_string(PdfCache::kMaxEntries)), "pdf" + std::to_string(PdfCache::kMaxEntries));
  cache.put("k1", "other");
  EXPECT_EQ(cache.get("k1"), "pdf1") << "a key is one rendering: the first stays";
}
