from broadside.cli.entry import main

main()
