"""Project knowledge: index folders into line passages and find them again (search_project)."""
