#include "app/qr_image.hpp"

#include <png.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <vector>

namespace gatepass::app {

namespace {
constexpr int kQuietZone = kQrQuietZone;

struct QrFree {
  void operator()(QRcode* q) const { QRcode_free(q); }
};

std::unique_ptr<QRcode, QrFree> encode(std::string_view text) {
  const std::string copy(text);  // libqrencode wants a NUL-terminated string
  // Case-sensitive 8-bit hint: libqrencode still picks alphanumeric mode for our base32 payloads.
  std::unique_ptr<QRcode, QrFree> qr(QRcode_encodeString(copy.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) throw std::runtime_error("QR encoding failed");
  return qr;
}

bool dark(const QRcode& qr, int x, int y) { return qr.data[y * qr.width + x] & 1; }

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}
}  // namespace

QrModules qr_modules(std::string_view text) {
  const auto qr = encode(text);
  QrModules m;
  m.width = qr->width;
  m.dark.resize(static_cast<std::size_t>(qr->width * qr->width));
  for (int y = 0; y < qr->width; ++y)
    for (int x = 0; x < qr->width; ++x) m.dark[static_cast<std::size_t>(y * qr->width + x)] = dark(*qr, x, y);
  return m;
}

std::string render_qr_png(std::string_view text, int scale) {
  const auto qr = encode(text);
  const int size = (qr->width + 2 * kQuietZone) * scale;
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("libpng init failed");
  }
  std::vector<png_byte> row(static_cast<std::size_t>(size));
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("PNG encoding failed");
  }
  png_set_write_fn(png, &out, append_to_string, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(size), static_cast<png_uint_32>(size), 8, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int py = 0; py < size; ++py) {
    const int y = py / scale - kQuietZone;
    for (int px = 0; px < size; ++px) {
      const int x = px / scale - kQuietZone;
      const bool on = x >= 0 && y >= 0 && x < qr->width && y < qr->width && dark(*qr, x, y);
      row[static_cast<std::size_t>(px)] = on ? 0 : 255;
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string render_qr_svg(std::string_view text) {
  const auto qr = encode(text);
  const int size = qr->width + 2 * kQuietZone;
  std::string path;
  for (int y = 0; y < qr->width; ++y)
    for (int x = 0; x < qr->width; ++x)
      if (dark(*qr, x, y))
        path += "M" + std::to_string(x + kQuietZone) + "," + std::to_string(y + kQuietZone) + "h1v1h-1z";
  const std::string s = std::to_string(size);
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s +
         " " + s + "\" width=\"" + std::to_string(size * 8) + "\" height=\"" + std::to_string(size * 8) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" +
         path + "\"/></svg>\n";
}

}  // namespace gatepass::app
