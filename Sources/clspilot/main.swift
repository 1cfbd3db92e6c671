import CLSWeb
