from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "lamtheobac.api"
    verbose_name = "API"
