// Precompiled header for the Beast/Asio translation units (see src/CMakeLists.txt).
#pragma once
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
