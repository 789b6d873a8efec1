#include "common/cli.hpp"

#include <xapian.h>

namespace dateline::cli {

namespace po = boost::program_options;

po::options_description general_options(GeneralFlags& flags) {
  po::options_description group("General");
  group.add_options()                                                      //
      ("help,h", po::bool_switch(&flags.help), "show this help and exit")  //
      ("version", po::bool_switch(&flags.version), "show the version and exit");
  return group;
}

po::options_description database_options(std::string& db_path) {
  po::options_description group("Index");
  group.add_options()  //
      ("db,d", po::value(&db_path)->value_name("DIR"), "the index directory (Xapian database)");
  return group;
}

std::string version_line(const std::string& program) {
  return program + " 0.1.0 (Xapian " + Xapian::version_string() + ")";
}

}  // namespace dateline::cli
