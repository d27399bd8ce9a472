from broadside.launch import main

main()
