from flux_cli.entry import main

main()
