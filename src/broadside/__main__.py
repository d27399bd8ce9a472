from broadside.cli import main

main()
