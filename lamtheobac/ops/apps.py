from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "lamtheobac.ops"
    verbose_name = "Vận hành"
