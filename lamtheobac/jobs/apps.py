from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "lamtheobac.jobs"
    verbose_name = "Công việc chạy nền"
