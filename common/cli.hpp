// Option groups shared by dateline's command-line tools (PISA's pattern):
// each returns a Boost.ProgramOptions description bound to a field of the
// caller's params struct, so both binaries spell common options the same way
// and the parsing can be unit-tested without starting a process.
#pragma once

#include <boost/program_options.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace dateline::cli {

// Process exit statuses, the same for every dateline binary.
enum ExitCode : int {
  k_exit_ok = 0,
  k_exit_error = 1,          // runtime failure: index unreadable, bad query, Xapian error
  k_exit_usage = 2,          // bad command line
  k_exit_shard = 3,          // a shard of the index is down or slower than the timeout
  k_exit_interrupted = 130,  // stopped by SIGINT or SIGTERM, after saving the work done
};

struct GeneralFlags {
  bool help = false;
  bool version = false;
};

// --help, --version
boost::program_options::options_description general_options(GeneralFlags& flags);

// --db DIR (required by the caller's own check, so --help works without it)
boost::program_options::options_description database_options(std::string& db_path);

// A whole-number option stored in `target`, accepted only from `min` to
// `max`. Boost's own conversion to an unsigned type wraps "-5" round to
// 18446744073709551611 and takes "1e3" as 1, so the value is read as text
// and converted here. Anything but plain decimal digits within the range
// makes notify() throw boost::program_options::error with one line that
// names the option and its range: "--jobs must be a whole number from 0 to
// 1024, not '-1'". The option's default (shown by --help) is
// `default_value`, which must lie within the range.
boost::program_options::typed_value<std::string>* whole_number(std::string_view option,
                                                               std::size_t& target, std::size_t min,
                                                               std::size_t max,
                                                               std::size_t default_value);

// The one line a binary prints for a bad command line (instead of its whole
// usage text): "dateline-search: --offset must be ...; see dateline-search
// --help".
std::string usage_error_line(const std::string& program, const std::string& message);

// The whole --help text: `head` (usage lines and a paragraph or two, ending
// in a newline), then the option groups, each after a blank line. Boost
// prints an options_description's caption followed by ':' on a line of
// its own, so the head is kept out of the description.
std::string help_text(std::string_view head,
                      const boost::program_options::options_description& options);

// "dateline-index 0.1.0 (Xapian 1.4.22)"
std::string version_line(const std::string& program);

}  // namespace dateline::cli
