print("hourbook")
