complete --keep-order --exclusive --command roadmap --arguments "(COMPLETE=fish roadmap -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
