// Option groups shared by dateline's command-line tools (PISA's pattern):
// each returns a Boost.ProgramOptions description bound to a field of the
// caller's params struct, so both binaries spell common options the same way
// and the parsing can be unit-tested without starting a process.
#pragma once

#include <boost/program_options.hpp>

#include <string>

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

// "dateline-index 0.1.0 (Xapian 1.4.22)"
std::string version_line(const std::string& program);

}  // namespace dateline::cli
