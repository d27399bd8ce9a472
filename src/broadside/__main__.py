from broadside.cli.app import main

main()
