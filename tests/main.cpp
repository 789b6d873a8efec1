// The one Catch2 main shared by dateline's test executables.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
