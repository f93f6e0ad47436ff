from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "lamtheobac.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ"
