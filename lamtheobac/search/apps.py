from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "lamtheobac.search"
    label = "search"
    verbose_name = "Tìm kiếm"
