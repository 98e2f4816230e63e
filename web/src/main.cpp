// casereview: statutory case reviews for safeguarding partnerships and CDOPs.
// Everything starts from the command line; see cli/cli.cpp for the commands.
#include "cli/cli.h"

int main(int argc, char** argv) { return casereview::web::run_cli(argc, argv); }
