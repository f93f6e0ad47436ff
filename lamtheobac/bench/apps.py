from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "lamtheobac.bench"
    label = "bench"
    verbose_name = "Đo hiệu năng"
