#pragma once
#include <optional>
#include <vector>
#include <string>

namespace gatepass::testing {
// Decodes the QR code in a PNG image (ZXing), as a phone camera would. nullopt if none found.
std::optional<std::string> decode_qr_png(const std::string& png_bytes);
// Every QR code on the image (a printed ticket carries the entry code and the smaller claim code).
std::vector<std::string> decode_all_qr_png(const std::string& png_bytes);
}  // namespace gatepass::testing
